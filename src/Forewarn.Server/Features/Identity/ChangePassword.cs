using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Forewarn.Server.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Forewarn.Server.Features.Identity;

/// <summary><c>POST /api/v1/auth/password</c>: the signed-in user changes their own password (required on first login of the bootstrap admin).</summary>
public static class ChangePassword
{
    public sealed record Request([Required] string CurrentPassword, [Required] string NewPassword);

    public static async Task<Results<Ok<IssueToken.Response>, ProblemHttpResult>> Handle(
        Request request, ClaimsPrincipal principal, UserManager<AppUser> users, TokenIssuer tokens)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return Problems.Unauthorized("请重新登录", "Please sign in again");
        }
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword ?? "", request.NewPassword ?? "");
        if (!result.Succeeded)
        {
            return Problems.BadRequest(
                "密码修改失败：" + string.Join("；", result.Errors.Select(e => e.Description)),
                "Password not changed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        var roles = await users.GetRolesAsync(user);
        var (token, expiresAt) = tokens.Issue(user, roles);
        return TypedResults.Ok(new IssueToken.Response(token, expiresAt, false, user.RequiresTotp(roles) && !user.TotpEnabled));
    }
}
