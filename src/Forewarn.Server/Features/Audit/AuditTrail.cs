using System.Security.Claims;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Audit;

/// <summary>
/// Audit records for the current caller. They wait here until the scope's <see cref="AppDbContext"/> next saves, so
/// they commit in the same transaction as the change they describe (and a call that saves nothing costs no context).
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http, TimeProvider clock)
{
    private readonly List<AuditRecord> pending = [];

    /// <summary>The record for the current call (added by <see cref="AuditFilter"/>), which a handler may make more specific.</summary>
    public AuditRecord? Current { get; private set; }

    /// <summary>Adds a record for the caller; it becomes <see cref="Current"/> unless <paramref name="current"/> is false.</summary>
    public AuditRecord Add(string @event, string? target = null, string result = "ok", ClaimsPrincipal? user = null, string? userName = null,
        bool current = true)
    {
        var context = http.HttpContext;
        user ??= context?.User;
        var record = new AuditRecord
        {
            At = clock.GetUtcNow().UtcDateTime,
            User = userName ?? user?.Identity?.Name ?? (context is null ? "system" : "anonymous"),
            Role = string.Join(' ', user?.FindAll(ClaimTypes.Role).Select(c => c.Value) ?? []),
            Unit = user?.FindFirstValue(ForewarnClaims.Unit) ?? "",
            Event = @event,
            Target = target is { Length: > 200 } ? target[..200] : target,
            Result = result,
            Client = context?.Connection.RemoteIpAddress?.ToString(),
            CorrelationId = context?.TraceIdentifier,
            PrevHash = "",
            Hash = "",
        };
        pending.Add(record);
        if (current)
        {
            Current = record;
        }
        return record;
    }

    /// <summary>The records not yet given to a unit of work; the context takes them when it saves.</summary>
    public List<AuditRecord> TakePending()
    {
        var taken = pending.ToList();
        pending.Clear();
        return taken;
    }

    /// <summary>
    /// Hands the current call's record to another unit of work (the intake's group commit) to commit with the change
    /// it describes; if that fails, <see cref="AuditFilter"/> still saves it with the failure.
    /// </summary>
    public AuditRecord? TakeCurrent()
    {
        if (Current is { } record)
        {
            pending.Remove(record);
        }
        return Current;
    }
}

/// <summary>
/// Audits every API call: the record is added before the handler runs, so a handler that saves changes commits it in
/// the same transaction; otherwise it is saved afterwards with the response's status as the result.
/// </summary>
public sealed class AuditFilter(string @event) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var trail = services.GetRequiredService<AuditTrail>();
        var id = context.HttpContext.Request.RouteValues.TryGetValue("id", out var v) ? v?.ToString()
            : context.HttpContext.Request.RouteValues.TryGetValue("code", out var c) ? c?.ToString() : null;
        var record = trail.Add(@event, id);
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            record.Result = "error";
            await SaveIfPendingAsync(services, trail, record);
            throw;
        }
        var status = result is IStatusCodeHttpResult { StatusCode: { } s } ? s : context.HttpContext.Response.StatusCode;
        record.Result = status < 400 ? "ok" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SaveIfPendingAsync(services, trail, record);
        return result;
    }

    internal static async Task SaveIfPendingAsync(IServiceProvider services, AuditTrail trail, AuditRecord record)
    {
        // The handler's own save (or the unit of work it handed the record to) already committed this one.
        if (record.IsSealed)
        {
            return;
        }
        var db = services.GetRequiredService<AppDbContext>();
        db.AuditRecords.AddRange(trail.TakePending());
        // Anything else a failed handler left half-done must not ride along with the audit records.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not AuditRecord { IsSealed: false }).ToList())
        {
            entry.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        }
        db.Entry(record).State = Microsoft.EntityFrameworkCore.EntityState.Added;
        await db.SaveChangesAsync();
    }
}

public static class AuditEndpointExtensions
{
    /// <summary>Audits every endpoint of the group; the event is <c>METHOD route</c> unless named.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string? @event = null) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var name = @event ?? (endpoint is RouteEndpointBuilder route
                ? $"{string.Join(',', endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods))} {route.RoutePattern.RawText}"
                : endpoint.DisplayName ?? "endpoint");
            endpoint.FilterFactories.Add((_, next) => invocation => new AuditFilter(name).InvokeAsync(invocation, next));
        });
        return builder;
    }
}
