using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;

namespace CampaignManager.Domain.Common;

/// <summary>What players may see of an entity is limited by its parents: hidden parent, hidden child.</summary>
internal static class EffectiveVisibility
{
    public static Visibility Combine(Visibility a, Visibility b) =>
        a == Visibility.GameMasters || b == Visibility.GameMasters ? Visibility.GameMasters : Visibility.Everyone;

    public static Visibility Of(Kingdom kingdom) => kingdom.Visibility;

    public static Visibility Of(Settlement settlement) => Combine(settlement.Visibility, settlement.Kingdom.Visibility);

    public static Visibility Of(Structure structure) => Combine(structure.Visibility, Of(structure.Settlement));

    /// <summary>The parents' part of an entity's visibility (for "before" values of its own visibility).</summary>
    public static Visibility ParentsOf(Settlement settlement) => settlement.Kingdom.Visibility;

    public static Visibility ParentsOf(Structure structure) => Of(structure.Settlement);
}
