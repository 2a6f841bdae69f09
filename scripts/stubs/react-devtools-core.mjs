// Ink loads react-devtools-core only when DEV=true; the bundle ships without
// it (it is not a dependency), so that path gets this inert stand-in.
export default { initialize() {}, connectToDevTools() {} };
