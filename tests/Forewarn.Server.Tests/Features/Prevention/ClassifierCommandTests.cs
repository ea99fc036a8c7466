using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Forewarn.Server.Tests.Features.Prevention;

/// <summary>
/// <c>forewarn classifier train</c> and <c>forewarn classifier evaluate</c> as real processes, on the engine tests'
/// synthetic Chinese development set (copied beside this test's output) and the hand-written narratives held out from it.
/// </summary>
public sealed class ClassifierCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Prevention", "data", file);

    private static async Task<(int ExitCode, string Output, string Errors)> ForewarnAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["forewarn.dll", .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await errors);
    }

    [Fact]
    public async Task A_model_trained_through_the_command_line_evaluates_held_out_texts_with_a_macro_F1_last()
    {
        var folder = Directory.CreateTempSubdirectory("forewarn-classifier-").FullName;
        var model = Path.Combine(folder, "model.zip");

        var train = await ForewarnAsync("classifier", "train", "--data", Data("fraud-dev.csv"), "--out", model);
        Assert.True(train.ExitCode == 0, train.Output + train.Errors);
        Assert.Contains("Trained on 1,650 texts of 11 labels", train.Output, StringComparison.Ordinal);

        var evaluate = await ForewarnAsync("classifier", "evaluate", "--model", model, "--data", Data("fraud-narratives.csv"));
        Assert.True(evaluate.ExitCode == 0, evaluate.Output + evaluate.Errors);
        var lines = evaluate.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("fake_police ", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 5);
        Assert.StartsWith("macro-F1: ", lines[^1], StringComparison.Ordinal);
        var macroF1 = double.Parse(lines[^1]["macro-F1: ".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(macroF1, 0.85, 1.0);
    }

    [Fact]
    public async Task Other_header_names_separators_and_labels_outside_the_taxonomy_train_and_evaluate()
    {
        // A tab-separated export with a byte-order mark, CRLF, an extra column, headers 'Class' and 'Text', and Chinese labels.
        var folder = Directory.CreateTempSubdirectory("forewarn-classifier-").FullName;
        var (data, model) = (Path.Combine(folder, "labelled.tsv"), Path.Combine(folder, "model.zip"));
        string[] texts =
        [
            "受害人接到自称公安局民警的电话，称其涉嫌洗钱，要求转账到安全账户", "对方自称检察院工作人员，发来通缉令让我配合调查",
            "民警说我的银行卡涉嫌一起诈骗案，要把钱转到国家账户审查", "自称警官的人视频里穿着警服，说我被通缉了",
            "在网上做兼职刷单，前两单返了佣金，第三单垫付了五千就提现不了", "点赞关注赚佣金，日结三百，需要先充值做任务",
            "接待员说这是连单任务，必须再充值才能返还本金", "抖音点赞员招聘，先垫付后返利，做完任务返佣金",
            "今晚回家吃饭吗，我买了排骨", "明天上午九点开会，记得带材料", "快递到驿站了，取件码三二一", "周末一起去爬山吧",
        ];
        string[] labels = ["冒充公检法类", "刷单返利类", "正常"];
        var lines = texts.Select((t, i) => $"{i}\t{labels[i / 4]}\t{t}").Prepend("id\tClass\tText");
        await File.WriteAllTextAsync(data, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(true), Ct);

        var train = await ForewarnAsync("classifier", "train", "--data", data, "--out", model);
        Assert.True(train.ExitCode == 0, train.Output + train.Errors);
        var evaluate = await ForewarnAsync("classifier", "evaluate", "--model", model, "--data", data);

        Assert.True(evaluate.ExitCode == 0, evaluate.Output + evaluate.Errors);
        Assert.All(labels, label => Assert.Contains(label, evaluate.Output, StringComparison.Ordinal));
        Assert.EndsWith("macro-F1: 1.0000", evaluate.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_a_label_column_is_refused_with_the_reason()
    {
        var folder = Directory.CreateTempSubdirectory("forewarn-classifier-").FullName;
        var data = Path.Combine(folder, "unlabelled.csv");
        await File.WriteAllTextAsync(data, "content,remark\n你好,无\n", Ct);

        var train = await ForewarnAsync("classifier", "train", "--data", data, "--out", Path.Combine(folder, "model.zip"));

        Assert.Equal(1, train.ExitCode);
        Assert.Contains("label column", train.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "model.zip")));
    }
}
