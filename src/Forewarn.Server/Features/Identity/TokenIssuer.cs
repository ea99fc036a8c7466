using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Forewarn.Server.Features.Identity;

/// <summary>Signs the bearer tokens that staff present to the API.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string Issuer = "forewarn";

    private readonly Lazy<SymmetricSecurityKey> _key = new(() => new SymmetricSecurityKey(options.Value.ResolveSigningKey()));

    public SymmetricSecurityKey Key => _key.Value;

    public (string Token, DateTimeOffset ExpiresAt) Issue(AppUser user, IEnumerable<string> roles)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        List<Claim> claims =
        [
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(JwtRegisteredClaimNames.UniqueName, user.UserName!),
            new(ForewarnClaims.Unit, user.UnitCode),
            new(ForewarnClaims.UnitPath, user.UnitPath),
            new("sst", user.SecurityStamp ?? ""),
        ];
        var roleList = roles.ToList();
        claims.AddRange(roleList.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(ForewarnClaims.Pending(user, roleList));
        var token = new JwtSecurityToken(Issuer, Issuer, claims, now.UtcDateTime, expires.UtcDateTime,
            new SigningCredentials(Key, SecurityAlgorithms.HmacSha256));
        return (new JwtSecurityTokenHandler().WriteToken(token), expires);
    }
}
