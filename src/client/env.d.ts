/**
 * The minimal client-side Apps Script API the sidebar uses (google.script.run / host),
 * see https://developers.google.com/apps-script/guides/html/reference/run.
 * Declared here instead of adding @types/google.script.client-side.
 */
interface GoogleScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): GoogleScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): GoogleScriptRunner;
  /** Server functions by name; checked at runtime before a call (src/client/rpc.ts). */
  readonly [serverFunction: string]: unknown;
}

interface GoogleScriptHost {
  close(): void;
}

interface GoogleClientApi {
  readonly script?: { readonly run?: GoogleScriptRunner; readonly host?: GoogleScriptHost };
}

// eslint-disable-next-line no-var
declare var google: GoogleClientApi | undefined;

declare module '*.css';
