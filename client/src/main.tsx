import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { loadMe } from './app/me.ts'
import { loadBoardPage } from './routes.tsx'
import { registerServiceWorker } from './service-worker/register.ts'
import './styles.css'

// Opening a share link: fetch the board's code while React starts, not after.
if (window.location.pathname.startsWith('/b/')) void loadBoardPage()

const root = document.getElementById('root')
// Who is signed in decides the participant id a board opens with, so it is known first.
void loadMe().finally(() => {
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
  }
})

// The app shell on the device, so that a reload while the server is down still opens the board.
if (import.meta.env.PROD) registerServiceWorker()
