using System.ComponentModel.DataAnnotations;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Demo;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// Accounts under 三员分立: the system admin creates users, places them in a unit and resets passwords
/// (<c>/api/v1/users</c>), but gives no roles — roles are the security admin's (<see cref="AssignRoles"/>). Nothing here
/// touches personal data. Each change writes its own audit record naming the user, in the same transaction as the change.
/// </summary>
public static class ManageUsers
{
    public sealed record Item(
        string Username, string DisplayName, string UnitCode, string? UnitName, List<string> Roles,
        bool Disabled, bool MustChangePassword, bool TotpEnabled, bool IsDemo);

    /// <summary>Lower-case letters, digits, dot, dash and underscore, 3 to 64 characters.</summary>
    public const string UsernamePattern = "^[a-z0-9][a-z0-9._-]{2,63}$";

    public sealed record CreateRequest(
        [Required, RegularExpression(UsernamePattern)] string Username,
        [Required, MaxLength(100)] string DisplayName,
        [Required, MaxLength(12)] string UnitCode);

    /// <summary>The one-time password is shown once, to the admin, to hand over; it must be changed at first sign-in.</summary>
    public sealed record PasswordResponse(string Username, string OneTimePassword);

    public sealed record UnitRequest([Required, MaxLength(12)] string UnitCode);

    /// <summary><c>GET /api/v1/users</c>: every account with its unit and roles.</summary>
    public static async Task<Ok<List<Item>>> List(AppDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.UnitCode, u.LockoutEnd, u.MustChangePassword, u.TotpEnabled, u.IsDemo })
            .ToListAsync(ct);
        var roles = (await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);
        var codes = users.Select(u => u.UnitCode).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        return TypedResults.Ok(users.Select(u => new Item(
            u.UserName!, u.DisplayName, u.UnitCode, units.GetValueOrDefault(u.UnitCode), [.. roles[u.Id].Order()],
            u.LockoutEnd == DateTimeOffset.MaxValue, u.MustChangePassword, u.TotpEnabled, u.IsDemo)).ToList());
    }

    /// <summary><c>POST /api/v1/users</c>: a new account in a unit, without roles, with a one-time password.</summary>
    public static async Task<Results<Created<PasswordResponse>, ProblemHttpResult>> Create(
        CreateRequest request, UserManager<AppUser> users, AppDbContext db, AuditTrail audit, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == request.UnitCode, ct);
        if (unit is null)
        {
            return Problems.BadRequest($"单位不存在：{request.UnitCode}", $"No such unit: {request.UnitCode}");
        }
        if (await users.FindByNameAsync(request.Username) is not null)
        {
            return Problems.Conflict("用户名已存在", "The username is taken");
        }
        Note(audit, "users.create", request.Username);
        var password = DemoSeed.MakePassword();
        var user = new AppUser
        {
            UserName = request.Username, DisplayName = request.DisplayName.Trim(), UnitCode = unit.Code, UnitPath = unit.UnitPath, MustChangePassword = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Problems.BadRequest("无法创建用户：" + Describe(created), "Cannot create the user: " + Describe(created));
        }
        return TypedResults.Created($"/api/v1/users/{user.UserName}", new PasswordResponse(user.UserName!, password));
    }

    /// <summary><c>POST /api/v1/users/{username}/password-reset</c>: a new one-time password; every session of the user ends.</summary>
    public static async Task<Results<Ok<PasswordResponse>, ProblemHttpResult>> ResetPassword(string username, UserManager<AppUser> users, AuditTrail audit)
    {
        var user = await users.FindByNameAsync(username);
        if (user is null)
        {
            return Problems.NotFound("用户不存在", "No such user");
        }
        Note(audit, "users.password_reset", user.UserName!);
        var password = DemoSeed.MakePassword();
        user.MustChangePassword = true;
        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded)
        {
            return Problems.BadRequest("无法重置密码：" + Describe(added), "Cannot reset the password: " + Describe(added));
        }
        await users.ResetAccessFailedCountAsync(user);
        return TypedResults.Ok(new PasswordResponse(user.UserName!, password));
    }

    /// <summary><c>PUT /api/v1/users/{username}/unit</c>: moves the user (and so their territory); their sessions end.</summary>
    public static async Task<Results<Ok<Item>, ProblemHttpResult>> ChangeUnit(
        string username, UnitRequest request, UserManager<AppUser> users, AppDbContext db, AuditTrail audit, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(username);
        if (user is null)
        {
            return Problems.NotFound("用户不存在", "No such user");
        }
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == request.UnitCode, ct);
        if (unit is null)
        {
            return Problems.BadRequest($"单位不存在：{request.UnitCode}", $"No such unit: {request.UnitCode}");
        }
        Note(audit, "users.unit", $"{user.UserName} {user.UnitCode}->{unit.Code}");
        user.UnitCode = unit.Code;
        user.UnitPath = unit.UnitPath;
        await users.UpdateSecurityStampAsync(user);
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new Item(user.UserName!, user.DisplayName, unit.Code, unit.Name, [.. roles.Order()],
            user.LockoutEnd == DateTimeOffset.MaxValue, user.MustChangePassword, user.TotpEnabled, user.IsDemo));
    }

    /// <summary>
    /// Names the user in the call's audit record (added by the endpoint's <see cref="AuditFilter"/>), or adds one when a
    /// page calls the handler directly; it commits with the change it describes.
    /// </summary>
    internal static void Note(AuditTrail audit, string @event, string target)
    {
        var record = audit.Current ?? audit.Add(@event);
        record.Target = target.Length > 200 ? target[..200] : target;
    }

    internal static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description));
}
