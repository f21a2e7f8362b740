/** Python sources are imported `with { type: "text" }`: esbuild inlines them as a string. */
declare module "*.py" {
  const text: string;
  export default text;
}
