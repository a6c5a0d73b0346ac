// Its own module so the bundler splits the animation features into a chunk loaded after hydration.
export { domMin } from "framer-motion";
