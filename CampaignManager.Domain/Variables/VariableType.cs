namespace CampaignManager.Domain.Variables;

public enum VariableType
{
    Integer,
    Decimal,
    Boolean,
    Text,
    Choice,
}
