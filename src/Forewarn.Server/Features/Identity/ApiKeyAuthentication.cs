using System.Security.Claims;
using System.Text.Encodings.Web;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Identity;

/// <summary>Authenticates source clients by the <c>X-Api-Key</c> header.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AppDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.ToString() is not { Length: > 0 } key)
        {
            return AuthenticateResult.NoResult();
        }
        var hash = ApiClient.Hash(key);
        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.KeyHash == hash && !c.Disabled, Context.RequestAborted);
        if (client is null)
        {
            return AuthenticateResult.Fail("Unknown or disabled API key.");
        }
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, "client:" + client.Id),
            new(ClaimTypes.Name, client.Name),
            new(ClaimTypes.Role, Roles.SourceClient),
            new(ForewarnClaims.ApiClientId, client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        claims.AddRange(client.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ForewarnClaims.Scope, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }
}
