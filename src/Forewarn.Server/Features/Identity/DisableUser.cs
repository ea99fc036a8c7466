using Forewarn.Server.Common;
using Forewarn.Server.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// <c>POST /api/v1/users/{username}/disable</c> and <c>/enable</c> (system admin): a disabled user cannot sign in and every
/// token and cookie they hold stops working on the next request.
/// </summary>
public static class DisableUser
{
    public sealed record Response(string Username, bool Disabled);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Disable(string username, UserManager<AppUser> users, AuditTrail audit) =>
        await SetAsync(username, true, users, audit);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Enable(string username, UserManager<AppUser> users, AuditTrail audit) =>
        await SetAsync(username, false, users, audit);

    private static async Task<Results<Ok<Response>, ProblemHttpResult>> SetAsync(string username, bool disable, UserManager<AppUser> users, AuditTrail audit)
    {
        var user = await users.FindByNameAsync(username);
        if (user is null)
        {
            return Problems.NotFound("用户不存在", "No such user");
        }
        ManageUsers.Note(audit, disable ? "users.disable" : "users.enable", user.UserName!);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disable ? DateTimeOffset.MaxValue : null);
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(new Response(user.UserName!, disable));
    }
}
