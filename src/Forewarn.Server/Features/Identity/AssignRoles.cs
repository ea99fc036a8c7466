using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// The security admin's part of 三员分立: <c>PUT /api/v1/users/{username}/roles</c> sets a user's roles and
/// <c>POST /api/v1/users/{username}/totp-reset</c> clears a lost second factor. An admin role stands alone (one person
/// cannot be two of the three admins, nor an admin and operational staff), and nobody changes their own roles.
/// </summary>
public static class AssignRoles
{
    public sealed record Request([Required] List<string> Roles);

    public sealed record Response(string Username, List<string> Roles);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        string username, Request request, ClaimsPrincipal caller, UserManager<AppUser> users, AuditTrail audit)
    {
        var user = await users.FindByNameAsync(username);
        if (user is null)
        {
            return Problems.NotFound("用户不存在", "No such user");
        }
        var wanted = (request.Roles ?? []).Distinct().Order().ToList();
        if (wanted.FirstOrDefault(r => !Identity.Roles.All.Contains(r)) is { } unknown)
        {
            return Problems.BadRequest($"未知角色：{unknown}", $"Unknown role: {unknown}");
        }
        if (wanted.Count > 1 && wanted.Any(r => Identity.Roles.Admins.Contains(r)))
        {
            return Problems.BadRequest("三员分立：管理员角色不能与其他角色兼任", "Separation of the three admins: an admin role cannot be combined with another role");
        }
        if (user.UserName == caller.Identity?.Name)
        {
            return Problems.Forbidden("不能修改自己的角色", "You cannot change your own roles");
        }
        ManageUsers.Note(audit, "users.roles", $"{user.UserName}: {string.Join(' ', wanted)}");
        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        var added = removed.Succeeded ? await users.AddToRolesAsync(user, wanted.Except(current)) : removed;
        if (!added.Succeeded)
        {
            return Problems.BadRequest("无法修改角色：" + ManageUsers.Describe(added), "Cannot change the roles: " + ManageUsers.Describe(added));
        }
        // Roles ride in tokens and cookies: the old ones must stop working.
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(new Response(user.UserName!, wanted));
    }

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> ResetTotp(
        string username, UserManager<AppUser> users, SecondFactor totp, AuditTrail audit)
    {
        var user = await users.FindByNameAsync(username);
        if (user is null)
        {
            return Problems.NotFound("用户不存在", "No such user");
        }
        ManageUsers.Note(audit, "users.totp_reset", user.UserName!);
        await totp.ResetAsync(user);
        return TypedResults.Ok(new Response(user.UserName!, [.. (await users.GetRolesAsync(user)).Order()]));
    }
}
