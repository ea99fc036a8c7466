using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Suspects;

/// <summary>
/// <c>POST /api/v1/groups/{id}/members</c> <c>{ suspectId, role }</c> — puts a suspect in a group with a role (one of the closed list of
/// <see cref="SuspectRole"/>, by wire name or Chinese label); a member already in the group gets the new role.
/// </summary>
public static class AddGroupMember
{
    public sealed record Request(long? SuspectId, string? Role);

    public static async Task<Results<Ok<ReadGroups.GroupView>, ProblemHttpResult>> Handle(long id, Request request, AppDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SuspectRoles.TryParse(request.Role, out var role))
        {
            errors["role"] = [L.T($"角色应为：{SuspectRoles.Choices}", $"role must be one of: {SuspectRoles.Choices}")];
        }
        if (request.SuspectId is not { } suspectId || !await db.Set<Suspect>().AnyAsync(s => s.Id == suspectId, ct))
        {
            errors["suspectId"] = [L.T("嫌疑人不存在或不在您的辖区内", "no such suspect in your jurisdiction")];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (!await db.Set<FraudGroup>().AnyAsync(g => g.Id == id, ct))
        {
            return Problems.NotFound();
        }
        var member = await db.Set<GroupMember>().FirstOrDefaultAsync(m => m.GroupId == id && m.SuspectId == request.SuspectId, ct);
        if (member is null)
        {
            db.Add(new GroupMember { GroupId = id, SuspectId = request.SuspectId!.Value, Role = role });
        }
        else
        {
            member.Role = role;
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ReadGroups.ViewAsync(db, id, ct))!);
    }
}
