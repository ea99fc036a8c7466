using System.ComponentModel.DataAnnotations;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Forewarn.Server.Features.Identity;

/// <summary><c>POST /api/v1/auth/token</c>: username and password in, bearer token out.</summary>
public static class IssueToken
{
    public sealed record Request([Required, MaxLength(100)] string Username, [Required, MaxLength(200)] string Password, string? Totp);

    public sealed record Response(string AccessToken, DateTimeOffset ExpiresAt, bool MustChangePassword);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        Request request, UserManager<AppUser> users, SignInManager<AppUser> signIn, TokenIssuer tokens, AuditTrail audit, AppDbContext db)
    {
        var name = request.Username is { Length: <= 100 } n ? n : "";
        // One answer for an unknown user and a wrong password, so names can't be enumerated.
        var denied = Problems.Unauthorized("用户名或密码错误", "Wrong username or password");
        var user = await users.FindByNameAsync(request.Username ?? "");
        if (user is null)
        {
            await RecordAsync("denied");
            return denied;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await RecordAsync("locked");
            return Problems.Unauthorized("登录失败次数过多，账户已临时锁定，请稍后再试", "Too many failed sign-ins; the account is locked for a while");
        }
        if (!result.Succeeded)
        {
            await RecordAsync("denied");
            return denied;
        }
        await RecordAsync("ok");
        var (token, expiresAt) = tokens.Issue(user, await users.GetRolesAsync(user));
        return TypedResults.Ok(new Response(token, expiresAt, user.MustChangePassword));

        async Task RecordAsync(string outcome)
        {
            audit.Add("auth.login", name, outcome, userName: name);
            await db.SaveChangesAsync();
        }
    }
}
