using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Features.Suspects;

/// <summary><c>POST /api/v1/groups</c> <c>{ name, note?, unitCode? }</c> — a fraud group (团伙) owned by a unit of the caller's territory.</summary>
public static class CreateGroup
{
    public sealed record Request(string? Name, string? Note, string? UnitCode);

    public static async Task<Results<Created<ReadGroups.GroupView>, ProblemHttpResult>> Handle(Request request, AppDbContext db, TerritoryResolver territory,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            errors["name"] = [L.T("团伙名称必填（不超过100字）", "name is required (at most 100 characters)")];
        }
        if (request.Note?.Length > 2000)
        {
            errors["note"] = [L.T("备注不能超过2000字", "note must be at most 2000 characters")];
        }
        var unit = Jurisdiction.UnitFor(await territory.GetMapAsync(ct), user, request.UnitCode);
        if (unit is null)
        {
            Jurisdiction.UnitError(errors);
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var group = new FraudGroup
        {
            Name = request.Name!.Trim(), Note = request.Note, UnitCode = unit!.Code, UnitPath = unit.UnitPath, CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = Jurisdiction.Actor(user),
        };
        db.Add(group);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/groups/{group.Id}", (await ReadGroups.ViewAsync(db, group.Id, ct))!);
    }
}
