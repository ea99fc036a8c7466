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
    /// <summary><c>Totp</c>: the authenticator code, needed once the user has enrolled the second factor.</summary>
    public sealed record Request([Required, MaxLength(100)] string Username, [Required, MaxLength(200)] string Password, [MaxLength(10)] string? Totp);

    /// <summary><c>MustEnrolTotp</c>: the token works only for enrolling the second factor (<c>/api/v1/auth/totp</c>) until then.</summary>
    public sealed record Response(string AccessToken, DateTimeOffset ExpiresAt, bool MustChangePassword, bool MustEnrolTotp = false);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        Request request, UserManager<AppUser> users, TokenIssuer tokens, SecondFactor totp, AuditTrail audit, AppDbContext db)
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
        switch (await totp.SignInAsync(user, request.Password ?? "", request.Totp))
        {
            case SecondFactor.Check.LockedOut:
                await RecordAsync("locked");
                return Problems.Unauthorized("登录失败次数过多，账户已临时锁定，请稍后再试", "Too many failed sign-ins; the account is locked for a while");
            case SecondFactor.Check.Denied:
                await RecordAsync("denied");
                return denied;
            case SecondFactor.Check.TotpRequired:
                await RecordAsync(request.Totp is null ? "totp_missing" : "totp_denied");
                return Problems.Unauthorized("请输入身份验证器上的6位动态验证码（每个验证码只能使用一次）",
                    "Enter the 6-digit code from your authenticator app (each code works once)", totpRequired: true);
        }
        await RecordAsync("ok");
        var roles = await users.GetRolesAsync(user);
        var (token, expiresAt) = tokens.Issue(user, roles);
        return TypedResults.Ok(new Response(token, expiresAt, user.MustChangePassword, user.RequiresTotp(roles) && !user.TotpEnabled));

        async Task RecordAsync(string outcome)
        {
            audit.Add("auth.login", name, outcome, userName: name);
            await db.SaveChangesAsync();
        }
    }
}
