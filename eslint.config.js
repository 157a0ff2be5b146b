import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import importX from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/** The folders below `dir`, read when lint starts, so a new feature is fenced without editing this file. */
const foldersIn = (dir) => readdirSync(new URL(dir, import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)

/** Plumbing: imported by every feature, imports none. */
const SERVER_PLUMBING = ['db', 'lib']
/** Wiring, like app.ts: plugins and scheduled jobs call features, through their services only. */
const SERVER_WIRING = ['plugins', 'jobs']
const serverFeatures = foldersIn('./server/src/').filter((f) => !SERVER_PLUMBING.includes(f) && !SERVER_WIRING.includes(f))
const clientFeatures = foldersIn('./client/src/features/')

const serverZones = [
  // A feature reaches another only through its service: never its repo, never its routes.
  ...serverFeatures.flatMap((f) =>
    serverFeatures.filter((g) => g !== f).flatMap((g) => [
      { target: `./server/src/${f}`, from: `./server/src/${g}/**/*.repo.ts`, message: `${f}/ may not read ${g}/'s tables through its repo: call a ${g} service function.` },
      { target: `./server/src/${f}`, from: `./server/src/${g}/**/*.routes.ts`, message: `${f}/ may not import ${g}/'s routes.` },
    ]),
  ),
  // Routes are thin: schema in, their own service, result out.
  ...serverFeatures.flatMap((f) => [
    { target: `./server/src/${f}/**/*.routes.ts`, from: `./server/src/${f}/**/*.repo.ts`, message: 'Routes call their own service, never a repo.' },
    {
      target: `./server/src/${f}/**/*.routes.ts`,
      from: serverFeatures.filter((g) => g !== f).map((g) => `./server/src/${g}`),
      message: `${f}/ routes call ${f}/'s own service; let that service call the other feature.`,
    },
  ]),
  // Plumbing never reaches up into a feature; wiring reaches features through their services.
  ...SERVER_PLUMBING.map((p) => ({ target: `./server/src/${p}`, from: serverFeatures.map((f) => `./server/src/${f}`), message: `${p}/ is plumbing: it may not import a feature.` })),
  ...SERVER_WIRING.flatMap((w) => [
    { target: `./server/src/${w}`, from: './server/src/**/*.repo.ts', message: `${w}/ calls a feature's service, never its repo.` },
    { target: `./server/src/${w}`, from: './server/src/**/*.routes.ts', message: `${w}/ calls a feature's service, never its routes.` },
  ]),
  { target: './server/src', from: './server/test', message: 'Test helpers are for tests only.' },
]

const clientZones = [
  ...clientFeatures.map((f) => ({
    target: `./client/src/features/${f}`,
    from: './client/src/features',
    except: [`./${f}`],
    message: 'A feature does not import another: join them in a page (client/src/pages), or move the shared piece to components/ or lib/.',
  })),
  { target: './client/src', from: './client/src/testing', message: 'Test helpers are for tests only.' },
]

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'migrations/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The environment is read in one place (server/src/config.ts); everything else receives the config.
    files: ['server/src/**/*.ts', 'client/src/**/*.{ts,tsx}', 'shared/src/**/*.ts'],
    ignores: ['server/src/config.ts', '**/*.test.ts', 'server/src/**/eval/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment in server/src/config.ts only.' }],
    },
  },
  {
    // The house's walls (docs/engineering.md): enforced, not only described.
    files: ['server/src/**/*.ts', 'client/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'server/src/**/eval/**'],
    plugins: { 'import-x': importX },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...serverZones, ...clientZones] }] },
  },
  {
    // One error map (shared/src/messages.ts): every form resolves through lib/forms.ts, which passes it.
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/lib/forms.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: '@hookform/resolvers/zod', message: 'Use formResolver from lib/forms.ts: it parses with the plain-English error map.' }] }] },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { projectService: false }, globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
)
