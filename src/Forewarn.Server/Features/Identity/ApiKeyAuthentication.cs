using System.Security.Claims;
using System.Text.Encodings.Web;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// Authenticates source clients by the <c>X-Api-Key</c> header. Known keys are remembered for a few seconds
/// (<see cref="ApiKeyCache"/>), so a busy client's thousands of requests a second don't each read the database.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache cache)
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
        if (cache.TryGet(hash) is { } known)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(known, SchemeName));
        }
        var db = Context.RequestServices.GetRequiredService<AppDbContext>();
        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.KeyHash == hash && !c.Disabled, Context.RequestAborted);
        if (client is null)
        {
            return AuthenticateResult.Fail("Unknown or disabled API key.");
        }
        var principal = PrincipalOf(client);
        cache.Remember(hash, principal);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static ClaimsPrincipal PrincipalOf(ApiClient client)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, "client:" + client.Id),
            new(ClaimTypes.Name, client.Name),
            new(ClaimTypes.Role, Roles.SourceClient),
            new(ForewarnClaims.ApiClientId, client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        claims.AddRange(client.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ForewarnClaims.Scope, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }
}

/// <summary>
/// Known API keys for <see cref="Lifetime"/>. Whoever disables a client or changes its scopes in this process calls
/// <see cref="Forget"/>; another process sees the change once the entry expires.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ClaimsPrincipal Principal, long Expires)> _known = new();

    public ClaimsPrincipal? TryGet(string hash) =>
        _known.TryGetValue(hash, out var entry) && entry.Expires > clock.GetTimestamp() ? entry.Principal : null;

    public void Remember(string hash, ClaimsPrincipal principal)
    {
        if (_known.Count > 10_000)
        {
            _known.Clear();
        }
        _known[hash] = (principal, clock.GetTimestamp() + (long)(Lifetime.TotalSeconds * clock.TimestampFrequency));
    }

    public void Forget() => _known.Clear();
}
