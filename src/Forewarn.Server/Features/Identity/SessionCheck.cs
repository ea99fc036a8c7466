using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// Every bearer token and UI cookie is checked against the user on each request: a disabled (locked) user, or one
/// whose security stamp changed (password changed, sessions revoked), is signed out at once.
/// </summary>
public static class SessionCheck
{
    public const string StampClaim = "sst";

    public static async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal, IServiceProvider services)
    {
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal?.FindFirstValue("sub");
        if (id is null)
        {
            return false;
        }
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }
        return principal!.FindFirstValue(StampClaim) is not { } stamp || stamp == user.SecurityStamp;
    }
}
