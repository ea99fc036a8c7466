using Microsoft.AspNetCore.Components.Endpoints;

namespace Forewarn.Server.Features.Audit;

/// <summary>
/// Audits every page a signed-in user opens or posts a form to, as <see cref="AuditFilter"/> does for the API: the pages
/// call the same handlers directly, so a change made from a page commits its record in the same transaction, and a
/// page that only shows data (personal data included) is recorded once it has rendered.
/// </summary>
public static class PageAudit
{
    public static async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        if (http.User.Identity?.IsAuthenticated != true || http.GetEndpoint() is not RouteEndpoint { } endpoint
            || endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
        {
            await next();
            return;
        }
        var trail = http.RequestServices.GetRequiredService<AuditTrail>();
        var path = http.Request.Path.Value ?? "";
        // Not the call's current record: a handler the page calls still adds its own, more specific one.
        var record = trail.Add($"page {http.Request.Method} {endpoint.RoutePattern.RawText}", path, current: false);
        try
        {
            await next();
        }
        catch
        {
            record.Result = "error";
            await AuditFilter.SaveIfPendingAsync(http.RequestServices, trail, record);
            throw;
        }
        record.Result = http.Response.StatusCode < 400 ? "ok" : http.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await AuditFilter.SaveIfPendingAsync(http.RequestServices, trail, record);
    }
}
