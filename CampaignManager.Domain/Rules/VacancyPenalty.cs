using CampaignManager.Domain.Kingdoms;

namespace CampaignManager.Domain.Rules;

/// <summary>The penalty a kingdom suffers while a leadership seat is vacant.</summary>
/// <param name="Seat">The vacant seat.</param>
/// <param name="Description">What the penalty applies to, e.g. "−1 to Culture-based checks".</param>
/// <param name="Value">The penalty (negative).</param>
public sealed record VacancyPenalty(LeadershipSeat Seat, string Description, int Value);
