namespace CampaignManager.Domain.Structures;

/// <summary>Kingmaker-style structure traits; the rules engine reads <see cref="Residential"/> for overcrowding.</summary>
public enum StructureTrait
{
    /// <summary>A roofed structure that fills a lot.</summary>
    Building,

    /// <summary>An open-air structure (lumberyard, stockyard) that fills a lot.</summary>
    Yard,

    /// <summary>Houses citizens: its lots count towards a settlement's residential lots.</summary>
    Residential,

    /// <summary>A settlement's landmark; at most one of each per settlement.</summary>
    Edifice,

    /// <summary>Built around or across blocks (walls, streets) rather than in a lot.</summary>
    Infrastructure,

    /// <summary>Workshops and mills.</summary>
    Industrial,

    /// <summary>Shrines and temples.</summary>
    Religious,
}
