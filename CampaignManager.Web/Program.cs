using CampaignManager.Domain;
using CampaignManager.Web;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Components;
using CampaignManager.Web.Components.Account;
using CampaignManager.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddCampaignDomain();    // DbContext factory, domain services, rules engine, TimeProvider
builder.AddCampaignAccounts();  // Identity with cookies, Admin role, the domain's user directory
builder.AddCampaignRealtime();  // notifier (in-memory, or Redis when configured), rooms, event publisher and relay
builder.AddCampaignApi();
builder.AddCampaignUi();        // Razor components, MudBlazor, per-circuit store and campaign session
builder.AddSharedCircuitState(); // Data Protection keys and persisted circuits in Redis when configured
builder.AddSharedKeysDirectory(); // DataProtection:KeysDirectory set: the key ring in that folder instead
builder.AddCampaignHealthChecks(); // /health and /health/ready for load balancers and start scripts

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddCampaignInteractiveServer(app.Configuration);
app.MapAdditionalIdentityEndpoints();
app.MapCampaignApi();
app.MapCampaignHealthChecks();

await app.InitializeDatabaseAsync();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
