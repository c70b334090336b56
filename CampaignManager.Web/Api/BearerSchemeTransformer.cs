using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampaignManager.Web.Api;

/// <summary>Describes the bearer (JWT) scheme in <c>/openapi/v1.json</c> and requires it document-wide (the token endpoints allow anonymous callers).</summary>
public sealed class BearerSchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/auth/token (or /api/auth/refresh) in the Authorization header: 'Bearer <token>'.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}
