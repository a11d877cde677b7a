// Bundle the page into dist/ (git-ignored): dist/index.html + dist/assets/app.{js,css}.
// Usage: node build.mjs            (production build, minified)
//        node build.mjs --dev      (unminified, with source maps)
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, "dist");
const dev = process.argv.includes("--dev");

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, "assets"), { recursive: true });

const result = await build({
  entryPoints: { app: join(root, "src", "main.js") },
  outdir: join(dist, "assets"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2020"],
  minify: !dev,
  sourcemap: dev,
  legalComments: "linked",
  logLevel: "warning",
  metafile: true,
});
await copyFile(join(root, "src", "style.css"), join(dist, "assets", "app.css"));
await copyFile(join(root, "src", "favicon.svg"), join(dist, "assets", "favicon.svg"));
await copyFile(join(root, "index.html"), join(dist, "index.html"));

const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`web: built ${dist} (${Math.round(bytes / 1024)} KiB of JS)`);
