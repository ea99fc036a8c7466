using System.Security.Claims;
using System.Text.Json;
using Forewarn.Engine.Values;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// Block and stop loss: <c>POST /api/v1/warnings/{id}/payment-stops</c> <c>{ account, amount }</c> and <c>/freezes</c>
/// <c>{ account }</c> to the bank; <c>/line-cuts</c> and <c>/number-shutdowns</c> <c>{ phone }</c> to the operator. Each
/// becomes an outbox entry delivered by <see cref="OutboxSender"/> to the receiving client's webhook.
/// </summary>
public static class RequestBlock
{
    public sealed record AccountRequest(string? Account, decimal? Amount);

    public sealed record PhoneRequest(string? Phone);

    public sealed record Response(long Id, string Kind, Guid IdempotencyKey, string Status, string Client);

    public static Task<Results<Accepted<Response>, ProblemHttpResult>> PaymentStop(long id, AccountRequest request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct) => AccountAsync("payment_stop", id, request, requireAmount: true, db, user, clock, ct);

    public static Task<Results<Accepted<Response>, ProblemHttpResult>> Freeze(long id, AccountRequest request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct) => AccountAsync("freeze", id, request, requireAmount: false, db, user, clock, ct);

    public static Task<Results<Accepted<Response>, ProblemHttpResult>> LineCut(long id, PhoneRequest request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct) => PhoneAsync("line_cut", id, request, db, user, clock, ct);

    public static Task<Results<Accepted<Response>, ProblemHttpResult>> NumberShutdown(long id, PhoneRequest request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct) => PhoneAsync("number_shutdown", id, request, db, user, clock, ct);

    private static async Task<Results<Accepted<Response>, ProblemHttpResult>> AccountAsync(string kind, long id, AccountRequest request, bool requireAmount,
        AppDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var account = IndicatorValue.Normalise(Engine.Indicators.IndicatorType.Account, request.Account, out _);
        if (account is null)
        {
            errors["account"] = [L.T("账号无效", "invalid account")];
        }
        if (requireAmount && (request.Amount is not > 0 || decimal.Round(request.Amount.Value, 2) != request.Amount))
        {
            errors["amount"] = [L.T("止付金额应为正数，最多两位小数", "amount must be positive with at most two decimals")];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        return await CreateAsync(kind, id, new { account, amount = request.Amount }, db, user, clock, ct);
    }

    private static async Task<Results<Accepted<Response>, ProblemHttpResult>> PhoneAsync(string kind, long id, PhoneRequest request, AppDbContext db,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (!PhoneNumber.TryParse(request.Phone, out var phone) || phone.Kind == PhoneKind.Service)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["phone"] = [L.T("电话号码无效", "invalid phone number")] });
        }
        return await CreateAsync(kind, id, new { phone = phone.Value }, db, user, clock, ct);
    }

    private static async Task<Results<Accepted<Response>, ProblemHttpResult>> CreateAsync(string kind, long id, object target, AppDbContext db,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (warning, problem) = await WarningAction.LoadAsync(db, id, user, now, ct);
        if (problem is not null)
        {
            return problem;
        }
        var scope = "receive:" + kind;
        // Prefer a client that sent this warning's signals (its own bank or operator), else any client that receives this kind.
        var senders = await db.Signals.Where(s => s.WarningId == id).Select(s => s.ClientId).Distinct().ToListAsync(ct);
        var receivers = await db.ApiClients.AsNoTracking().Where(c => !c.Disabled && c.Scopes.Contains(scope)).ToListAsync(ct);
        var client = receivers.Where(c => c.Scopes.Split(' ').Contains(scope)).OrderByDescending(c => senders.Contains(c.Id)).ThenBy(c => c.Id).FirstOrDefault();
        if (client is null)
        {
            return Problems.Conflict("没有配置接收此类请求的银行或运营商", $"No bank or operator client is configured to receive {kind}");
        }
        var actor = WarningAction.Actor(user);
        var key = Guid.NewGuid();
        var payload = JsonSerializer.Serialize(new
        {
            type = kind, requestId = key, warningId = warning!.Id, level = RiskLevels.ToWire(warning.Level), target, requestedAt = ListWarnings.Utc(now),
            unit = warning.UnitCode,
        }, JsonSerializerOptions.Web);
        var outbound = new OutboundRequest
        {
            WarningId = warning.Id, Kind = kind, ClientId = client.Id, IdempotencyKey = key, Payload = payload, Status = OutboundStatus.Pending,
            CreatedAt = now, NextAttemptAt = now, By = actor, UnitPath = warning.UnitPath,
        };
        db.Add(outbound);
        warning.Revision = Guid.NewGuid();
        WarningTimeline.Add(warning, kind is "payment_stop" or "freeze" ? WarningEventKinds.PaymentStop : WarningEventKinds.LineCut, now, actor,
            new { kind, requestId = key, client = client.Name });
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/v1/warnings/{id}", new Response(outbound.Id, kind, key, "pending", client.Name));
    }
}
