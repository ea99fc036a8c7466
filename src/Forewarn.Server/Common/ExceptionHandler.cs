using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Common;

/// <summary>
/// Maps the few real exceptions to problem details: a unique-index or concurrency clash is a 409,
/// unreadable JSON is a 400. Everything else stays a 500 without internals.
/// </summary>
public sealed class ExceptionHandler(IProblemDetailsService problems, ILogger<ExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        (int status, string detail) = exception switch
        {
            DbUpdateConcurrencyException => (409, L.T("记录已被他人修改，请刷新后重试", "The record was changed by someone else; reload and retry")),
            DbUpdateException => (409, L.T("记录与已有数据冲突", "The record conflicts with existing data")),
            BadHttpRequestException bad => (bad.StatusCode, L.T("请求格式无效", "The request is malformed")),
            System.Text.Json.JsonException => (400, L.T("请求体不是有效的 JSON", "The request body is not valid JSON")),
            _ => (500, L.T("服务器内部错误", "Internal server error")),
        };
        if (status == 500)
        {
            // A handled exception is no longer logged by the framework: without this line a 500 leaves no trace (the route
            // pattern, not the path, so no personal data from the URL).
            log.LogError(exception, "Request {Method} {Endpoint} failed", http.Request.Method, http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.DisplayName);
        }
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail, Title = status == 500 ? L.T("出错了", "Error") : L.T("请求无法处理", "Request not processed") },
        });
    }
}
