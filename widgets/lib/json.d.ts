/** Widget data files are JSON beside the widget, bundled by esbuild; each widget checks and types what it reads. */
declare module "*.json" {
  const data: unknown;
  export default data;
}
