declare module '*.css' {}

/** What Vite tells the app about the build (the part of vite/client the app reads). */
interface ImportMetaEnv {
  /** True in a production build (`npm run build`), false under the dev server. */
  readonly PROD: boolean
}
interface ImportMeta {
  readonly env: ImportMetaEnv
}
