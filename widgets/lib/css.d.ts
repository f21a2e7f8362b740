/** Widget CSS is imported `with { type: "text" }`: esbuild inlines it as a string. */
declare module "*.css" {
  const text: string;
  export default text;
}
