// The only input of tests/app/tsconfig.json, which exists to keep `strapi build` from using the
// repository root's tsconfig.json. Declares nothing.
export {};
