namespace CampaignManager.Benchmarks;

/// <summary>The machine or the app is not ready for the benchmark (e.g. redis-server missing); the message says what to do.</summary>
internal sealed class BenchmarkSetupException(string message) : Exception(message);
