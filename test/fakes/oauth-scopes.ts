/**
 * OAuth scopes per method, as Google's reference states them (scopes/authorization.json, generated from the
 * gas-types-detailed package by scopes/generate.mjs), and the check FakeWorkspace.recordCall makes when
 * `ws.manifestScopes` is set: a call none of whose scopes the manifest covers throws Apps Script's
 * «Specified permissions are not sufficient to call …. Required permissions: …».
 */
import { readFileSync } from 'node:fs';
import authorization from './scopes/authorization.json';

export const SCOPE_PREFIX = 'https://www.googleapis.com/auth/';

interface Table {
  readonly ambiguous: readonly string[];
  readonly classes: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}
const TABLE: Table = authorization;
const CLASSES = new Map(Object.entries(TABLE.classes).map(([name, methods]) => [name, new Map(Object.entries(methods))]));

/** `Class.method` names that exist in two modelled namespaces with different scopes (ListItem: Docs and Forms). */
export const AMBIGUOUS_METHODS: readonly string[] = TABLE.ambiguous;

const full = (scope: string): string => (scope.includes('://') ? scope : SCOPE_PREFIX + scope);

/**
 * The scopes of which any one authorizes `service.method` (full URLs, in the reference's order); [] when the
 * method needs none; undefined when the table does not know the method (fake-only helpers; the call then passes).
 */
export function requiredScopes(service: string, method: string): readonly string[] | undefined {
  return CLASSES.get(service)?.get(method)?.map(full);
}

/**
 * Narrower scopes a broader one includes («Some scopes are inclusive of others»,
 * https://developers.google.com/apps-script/concepts/scopes). Which pairs: from the scopes' descriptions
 * (https://developers.google.com/identity/protocols/oauth2/scopes) — a guess where the page does not say it.
 */
const IMPLIES: Readonly<Record<string, readonly string[]>> = {
  drive: ['drive.readonly', 'drive.file', 'drive.metadata', 'drive.metadata.readonly'],
  'drive.readonly': ['drive.metadata.readonly'],
  'drive.metadata': ['drive.metadata.readonly'],
  spreadsheets: ['spreadsheets.readonly', 'spreadsheets.currentonly'],
  documents: ['documents.readonly', 'documents.currentonly'],
  forms: ['forms.currentonly'],
  presentations: ['presentations.readonly', 'presentations.currentonly'],
  calendar: ['calendar.readonly'],
};

/** The manifest's scopes plus every scope they include. */
export function grantedScopes(manifest: readonly string[]): Set<string> {
  const out = new Set<string>();
  const add = (scope: string): void => {
    const url = full(scope);
    if (out.has(url)) return;
    out.add(url);
    const name = url.startsWith(SCOPE_PREFIX) ? url.slice(SCOPE_PREFIX.length) : '';
    for (const narrower of IMPLIES[name] ?? []) add(narrower);
  };
  for (const s of manifest) add(s);
  return out;
}

/** Whether the manifest authorizes a call needing any one of `required` ([] needs nothing). */
export function isCovered(required: readonly string[], manifest: readonly string[]): boolean {
  if (required.length === 0) return true;
  const granted = grantedScopes(manifest);
  return required.some((s) => granted.has(full(s)));
}

/**
 * Apps Script's text when the manifest's explicit oauthScopes lack what a call needs: one scope bare, several in
 * parentheses joined by « || », in the reference's order. Seen as «Specified permissions are not sufficient to call
 * DriveApp.createFolder. Required permissions: https://www.googleapis.com/auth/drive» and «… to call
 * DriveApp.getRootFolder. Required permissions: (https://www.googleapis.com/auth/drive.readonly ||
 * https://www.googleapis.com/auth/drive)» (test/fakes/README.md, «OAuth scopes», has the sources).
 */
export function scopeErrorText(service: string, method: string, required: readonly string[]): string {
  const urls = required.map(full);
  const list = urls.length === 1 ? (urls[0] ?? '') : `(${urls.join(' || ')})`;
  return `Specified permissions are not sufficient to call ${service}.${method}. Required permissions: ${list}`;
}

/** The refusal of `service.method` under `manifest`, or null when the call may run (or the table does not know it). */
export function scopeDenial(manifest: readonly string[] | null, service: string, method: string): string | null {
  if (manifest === null) return null;
  const required = requiredScopes(service, method);
  if (required === undefined || isCovered(required, manifest)) return null;
  return scopeErrorText(service, method, required);
}

/** The `oauthScopes` of an appsscript.json (what `ws.manifestScopes` takes); [] when it lists none. */
export function manifestScopesOf(appsscriptJsonPath: string): string[] {
  const parsed: unknown = JSON.parse(readFileSync(appsscriptJsonPath, 'utf8'));
  const scopes: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'oauthScopes') : undefined;
  if (scopes === undefined) return [];
  if (!Array.isArray(scopes) || !scopes.every((s): s is string => typeof s === 'string')) {
    throw new Error(`${appsscriptJsonPath}: oauthScopes is not a list of strings`);
  }
  return [...scopes];
}
