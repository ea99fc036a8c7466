using System.Security.Claims;
using Forewarn.Engine.Values;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary><c>POST /api/v1/warnings/{id}/relatives</c> <c>{ name, phone, relation }</c> — a relative or guardian of the subject, kept on file.</summary>
public static class AddRelative
{
    public sealed record Request(string? Name, string? Phone, string? Relation);

    public static async Task<Results<Created<RecordContactAttempt.RelativeView>, ProblemHttpResult>> Handle(long id, Request request, AppDbContext db,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = [L.T("姓名必填", "name is required")];
        }
        if (!PhoneNumber.TryParse(request.Phone, out var phone) || phone.Kind == PhoneKind.Service)
        {
            errors["phone"] = [L.T("电话号码无效", "invalid phone number")];
        }
        if (string.IsNullOrWhiteSpace(request.Relation) || request.Relation.Length > 20)
        {
            errors["relation"] = [L.T("关系必填（如 子女、配偶、监护人）", "relation is required (e.g. child, spouse, guardian)")];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var warning = await db.Warnings.AsNoTracking().Where(w => w.Id == id).Select(w => new { w.SubjectKey, w.UnitPath }).FirstOrDefaultAsync(ct);
        if (warning is null)
        {
            return Problems.NotFound();
        }
        var relative = new Relative { SubjectKey = warning.SubjectKey, Name = request.Name!.Trim(), Phone = phone.Value, Relation = request.Relation!.Trim(), UnitPath = warning.UnitPath };
        db.Add(relative);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/warnings/{id}", new RecordContactAttempt.RelativeView(relative.Id, relative.Name, relative.Relation, Mask.Phone(relative.Phone)));
    }
}
