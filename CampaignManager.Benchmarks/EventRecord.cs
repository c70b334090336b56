using CampaignManager.Domain.Common;

namespace CampaignManager.Benchmarks;

/// <summary>One committed event of one audience's stream, in the slot the benchmark keeps its timestamps under.</summary>
internal sealed record EventRecord(int Slot, Guid Id, Visibility Audience, long Sequence, CommitRecord Commit);
