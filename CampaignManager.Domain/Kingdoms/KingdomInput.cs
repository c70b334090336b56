using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Kingdoms;

public sealed record KingdomInput(string Name, int Level = 1, int SizeHexes = 1, Visibility Visibility = Visibility.Everyone);
