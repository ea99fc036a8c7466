using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Forewarn.Server.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// <c>POST /api/v1/auth/totp</c> starts enrolment (secret and <c>otpauth://</c> URI, shown once to its owner);
/// <c>POST /api/v1/auth/totp/confirm</c> turns it on with a first code and returns a token without the enrolment restriction.
/// </summary>
public static class EnrolTotp
{
    public sealed record Response(string Secret, string Uri);

    public sealed record ConfirmRequest([Required, MaxLength(10)] string Code);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Begin(ClaimsPrincipal principal, UserManager<AppUser> users, SecondFactor totp)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return Problems.Unauthorized("请重新登录", "Please sign in again");
        }
        var enrolment = await totp.BeginAsync(user);
        return enrolment is null
            ? Problems.Conflict("已绑定身份验证器；如需更换，请联系安全管理员重置", "Already enrolled; ask a security admin to reset it")
            : TypedResults.Ok(new Response(enrolment.Secret, enrolment.Uri));
    }

    public static async Task<Results<Ok<IssueToken.Response>, ProblemHttpResult>> Confirm(
        ConfirmRequest request, ClaimsPrincipal principal, UserManager<AppUser> users, SecondFactor totp, TokenIssuer tokens)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return Problems.Unauthorized("请重新登录", "Please sign in again");
        }
        if (!await totp.ConfirmAsync(user, request.Code))
        {
            return Problems.BadRequest("验证码不正确或已使用，请输入身份验证器上当前的6位数字", "Wrong or used code; enter the current 6 digits from the app");
        }
        var roles = await users.GetRolesAsync(user);
        var (token, expiresAt) = tokens.Issue(user, roles);
        return TypedResults.Ok(new IssueToken.Response(token, expiresAt, user.MustChangePassword, false));
    }
}
