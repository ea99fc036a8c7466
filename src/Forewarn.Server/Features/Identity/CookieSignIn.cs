using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// Signs a member of staff in to the web UI with a cookie. The cookie carries the claims a bearer token carries
/// (name, role, unit, unit path, must-change-password), so <see cref="Data.TerritoryScope"/> and the policies work unchanged.
/// </summary>
public sealed class CookieSignIn(UserManager<AppUser> users, SecondFactor totp)
{
    public const string DisplayName = "display_name";

    public enum Outcome { SignedIn, MustChangePassword, MustEnrolTotp, TotpRequired, Denied, LockedOut }

    public async Task<Outcome> PasswordAsync(HttpContext http, string username, string password, string? code = null)
    {
        var user = await users.FindByNameAsync(username);
        if (user is null)
        {
            return Outcome.Denied;
        }
        switch (await totp.SignInAsync(user, password, code))
        {
            case SecondFactor.Check.LockedOut:
                return Outcome.LockedOut;
            case SecondFactor.Check.Denied:
                return Outcome.Denied;
            case SecondFactor.Check.TotpRequired:
                return Outcome.TotpRequired;
        }
        await IssueAsync(http, user);
        return user.MustChangePassword ? Outcome.MustChangePassword
            : user.RequiresTotp(await users.GetRolesAsync(user)) && !user.TotpEnabled ? Outcome.MustEnrolTotp
            : Outcome.SignedIn;
    }

    /// <summary>Writes (or rewrites, e.g. after a password change) the cookie for this user.</summary>
    public async Task IssueAsync(HttpContext http, AppUser user)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName!),
            new(DisplayName, user.DisplayName),
            new(ForewarnClaims.Unit, user.UnitCode),
            new(ForewarnClaims.UnitPath, user.UnitPath),
            new("sst", user.SecurityStamp ?? ""),
        ];
        var roles = await users.GetRolesAsync(user);
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(ForewarnClaims.Pending(user, roles));
        var identity = new ClaimsIdentity(claims, IdentitySetup.CookieScheme, ClaimTypes.Name, ClaimTypes.Role);
        await http.SignInAsync(IdentitySetup.CookieScheme, new ClaimsPrincipal(identity));
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(IdentitySetup.CookieScheme);
}
