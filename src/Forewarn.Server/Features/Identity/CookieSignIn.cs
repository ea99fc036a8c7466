using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// Signs a member of staff in to the web UI with a cookie. The cookie carries the claims a bearer token carries
/// (name, role, unit, unit path, must-change-password), so <see cref="Data.TerritoryScope"/> and the policies work unchanged.
/// </summary>
public sealed class CookieSignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn)
{
    public const string DisplayName = "display_name";

    public enum Outcome { SignedIn, MustChangePassword, Denied, LockedOut }

    public async Task<Outcome> PasswordAsync(HttpContext http, string username, string password)
    {
        var user = await users.FindByNameAsync(username);
        if (user is null)
        {
            return Outcome.Denied;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Outcome.LockedOut;
        }
        if (!result.Succeeded)
        {
            return Outcome.Denied;
        }
        await IssueAsync(http, user);
        return user.MustChangePassword ? Outcome.MustChangePassword : Outcome.SignedIn;
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
        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(ForewarnClaims.MustChangePassword, "true"));
        }
        var identity = new ClaimsIdentity(claims, IdentitySetup.CookieScheme, ClaimTypes.Name, ClaimTypes.Role);
        await http.SignInAsync(IdentitySetup.CookieScheme, new ClaimsPrincipal(identity));
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(IdentitySetup.CookieScheme);
}
