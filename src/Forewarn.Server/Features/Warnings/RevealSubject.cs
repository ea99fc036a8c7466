using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Warnings;

/// <summary>
/// <c>POST /api/v1/warnings/{id}/reveal</c> <c>{ reason }</c> — shows the subject's personal data unmasked, for a stated
/// reason, in one audit record. A grid worker never sees a full ID number.
/// </summary>
public static class RevealSubject
{
    public sealed record Request(string? Reason);

    public sealed record Response(long Id, string Phone, string? Name, string? IdNumber, string? Address, bool IdNumberWithheld);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(long id, Request request, AppDbContext db, AuditTrail audit,
        ClaimsPrincipal user, HttpResponse http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < 4 || request.Reason.Length > 200)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = [L.T("查看个人信息必须说明理由（4–200字）", "Say why you need the personal data (4–200 characters)")] });
        }
        var w = await db.Warnings.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.SubjectPhone, x.SubjectName, x.SubjectIdNumber, x.SubjectAddress }).FirstOrDefaultAsync(ct);
        if (w is null)
        {
            return Problems.NotFound();
        }
        var withhold = user.IsInRole(Roles.GridWorker);
        if (audit.Current is { } record)
        {
            record.Event = "personal.reveal";
            record.Target = $"warning {id}: {request.Reason.Trim()}";
        }
        http.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new Response(id, w.SubjectPhone, w.SubjectName, withhold ? Mask.IdNumber(w.SubjectIdNumber) : w.SubjectIdNumber,
            w.SubjectAddress, withhold && w.SubjectIdNumber is not null));
    }
}
