// Browser and integration tests start servers on loopback ports; xunit.v3 runs test collections in
// parallel by default, which on a 2-core machine makes them slower, not faster. Collections still
// run in parallel; CPU-heavy ones opt into [Collection] groups of their own.
[assembly: CaptureConsole]
