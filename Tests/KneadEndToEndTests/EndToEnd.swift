import Testing

/// End-to-end tests: the built `knead` binary in a pseudo-terminal, driven by keystrokes, its
/// screen read back and its database checked afterwards. Serialized: each test runs a real
/// process and a 2-core machine is loaded enough by the rest of `swift test`.
@Suite(.serialized, .timeLimit(.minutes(1)))
enum EndToEnd {}
