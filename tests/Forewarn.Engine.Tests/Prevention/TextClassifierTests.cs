using Forewarn.Engine.Prevention;

namespace Forewarn.Engine.Tests.Prevention;

public class TextClassifierTests
{
    private static readonly Lazy<(TextClassifier Model, List<(string Text, string Label)> Test)> Chinese = new(() => TrainOnSplit("fraud-dev.csv"));

    internal static List<(string Text, string Label)> Read(string file)
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Prevention", "data", file));
        return LabelledCsv.Read(reader);
    }

    /// <summary>70 % to train, the other 30 % held out, shuffled by a fixed seed.</summary>
    private static (TextClassifier, List<(string, string)>) TrainOnSplit(string file)
    {
        var random = new Random(1);
        var rows = Read(file).OrderBy(_ => random.Next()).ToList();
        var cut = rows.Count * 7 / 10;
        return (TextClassifier.Train(rows[..cut], seed: 1), rows[cut..]);
    }

    [Fact]
    public void Held_out_Chinese_fraud_texts_are_classified_with_high_macro_F1()
    {
        var (model, test) = Chinese.Value;
        var evaluation = TextClassifier.Evaluate(model, test);
        Assert.Equal(11, evaluation.Classes.Count);
        Assert.True(evaluation.MacroF1 >= 0.97, $"macro-F1 {evaluation.MacroF1:F4}");
        Assert.All(evaluation.Classes, c => Assert.True(c.F1 >= 0.9, $"{c.Label}: F1 {c.F1:F4}"));
    }

    [Fact]
    public void Hand_written_case_narratives_unlike_the_templates_are_classified_well()
    {
        // fraud-narratives.csv was written by hand after the model was built and never used to choose its settings.
        var model = TextClassifier.Train([.. Read("fraud-dev.csv"), .. Read("fraud-handwritten.csv")], seed: 1);
        var evaluation = TextClassifier.Evaluate(model, Read("fraud-narratives.csv"));
        Assert.Equal(11, evaluation.Classes.Count);
        Assert.True(evaluation.MacroF1 >= 0.92, $"macro-F1 {evaluation.MacroF1:F4}");
    }

    [Fact]
    public void A_model_trained_on_the_roughened_large_set_carries_over_to_hand_written_narratives()
    {
        // fraud-large.csv paraphrases and roughens the templates (synonyms, typos, punctuation, links); the narratives are none of it.
        var model = TextClassifier.Train(Read("fraud-large.csv"), seed: 1);
        var evaluation = TextClassifier.Evaluate(model, Read("fraud-narratives.csv"));
        Assert.True(evaluation.MacroF1 >= 0.92, $"macro-F1 {evaluation.MacroF1:F4}");
        Assert.All(evaluation.Classes, c => Assert.True(c.F1 >= 0.8, $"{c.Label}: F1 {c.F1:F4}"));
    }

    [Fact]
    public void Labels_outside_the_taxonomy_are_classes_of_their_own()
    {
        // A held-out set may name its classes in Chinese, or by numbers, not by our wire codes.
        var data = Read("fraud-dev.csv").Take(400).Select(r => (r.Text, FraudTypes.Find(r.Label) is { } type ? type.Chinese + "类" : "正常")).ToList();
        var model = TextClassifier.Train(data);
        Assert.Equal(data.Select(d => d.Item2).Distinct().Order(), model.Labels.Order());
        Assert.Equal("冒充公检法类", model.Predict("您好，我是市公安局的警官，您的银行卡涉嫌洗钱，请把资金转入安全账户配合调查").Label);

        var evaluation = TextClassifier.Evaluate(model, [.. data.Take(50), ("训练时没有的类别", "其他")]);

        var unseen = Assert.Single(evaluation.Classes, c => c.Label == "其他");
        Assert.Equal((1, 0.0), (unseen.Support, unseen.Recall));
        Assert.Equal(51, evaluation.Count);
    }

    [Theory]
    [InlineData("ＶＸ：ａｂｃ１２３", "vx:abc0")]
    [InlineData("call 0800 123 4567 now", "call  tel  now")]
    [InlineData("加我13812345678转账5000元", "加我 tel 转账0元")]
    [InlineData("点击http://t.cn/abc或写信给a.b@qq.com", "点击 http 或写信给 mail ")]
    public void Text_is_normalised_before_counting_n_grams(string text, string expected)
    {
        Assert.Equal(expected, TextClassifier.Prepare(text).Text);
    }

    [Fact]
    public void Prediction_gives_probabilities_that_sum_to_one()
    {
        var (label, confidence, scores) = Chinese.Value.Model.Predict("您好，我是市公安局的警官，您的银行卡涉嫌洗钱，请把资金转入安全账户配合调查");
        Assert.Equal("fake_police", label);
        Assert.Equal(scores.Values.Max(), confidence);
        Assert.Equal(1.0, scores.Values.Sum(), 3);
        Assert.Equal(Chinese.Value.Model.Labels.Order(), scores.Keys.Order());
    }

    [Fact]
    public void A_saved_model_loads_and_predicts_the_same()
    {
        var (model, test) = Chinese.Value;
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = TextClassifier.Load(stream);
        foreach (var (text, _) in test.Take(50))
        {
            var (before, after) = (model.Predict(text), loaded.Predict(text));
            Assert.Equal(before.Label, after.Label);
            Assert.Equal(before.Confidence, after.Confidence, 6);
        }
    }

    [Fact]
    public void Held_out_English_SMS_spam_is_told_from_ham()
    {
        var (model, test) = TrainOnSplit("sms-spam-en.csv");
        var evaluation = TextClassifier.Evaluate(model, test);
        Assert.True(evaluation.MacroF1 >= 0.92, $"macro-F1 {evaluation.MacroF1:F4}");
        Assert.Equal("spam", model.Predict("WINNER!! You have won a £1000 cash prize. Call 09061701461 now to claim, T&C apply").Label);
    }

    [Fact]
    public void The_same_seed_trains_the_same_model()
    {
        var data = Read("fraud-dev.csv").Take(300).ToList();
        var (a, b) = (TextClassifier.Train(data, seed: 5), TextClassifier.Train(data, seed: 5));
        foreach (var (text, _) in Read("fraud-handwritten.csv"))
        {
            Assert.Equal(a.Predict(text).Scores, b.Predict(text).Scores);
        }
    }

    [Fact]
    public void Chinese_only_texts_without_any_Latin_word_train()
    {
        var model = TextClassifier.Train([("公安局说你涉嫌洗钱", "fake_police"), ("今晚回家吃饭", "normal"), ("检察院通缉令", "fake_police"), ("明天开会", "normal")]);
        Assert.Equal(["fake_police", "normal"], model.Labels.Order());
    }

    [Fact]
    public void Training_without_data_or_with_one_label_is_refused_clearly()
    {
        var empty = Assert.Throws<ArgumentException>(() => TextClassifier.Train([]));
        Assert.Contains("No training data", empty.Message, StringComparison.Ordinal);
        var one = Assert.Throws<ArgumentException>(() => TextClassifier.Train([("a", "spam"), ("b", "spam")]));
        Assert.Contains("at least two labels", one.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TextClassifier.Train([("a", "spam"), ("b", " ")]));
    }

    [Fact]
    public void Loading_something_that_is_not_a_model_is_refused()
    {
        using var stream = new MemoryStream("not a model"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => TextClassifier.Load(stream));
    }

    [Fact]
    public void Evaluation_computes_precision_recall_and_F1_per_class()
    {
        var model = TextClassifier.Train([("cheap loans now", "spam"), ("win a prize", "spam"), ("see you at lunch", "ham"), ("call mum tonight", "ham")]);
        var evaluation = TextClassifier.Evaluate(model, [("cheap loans now", "spam"), ("win a prize", "spam"), ("see you at lunch", "ham"), ("call mum tonight", "ham")]);
        Assert.Equal(1.0, evaluation.MacroF1);
        Assert.All(evaluation.Classes, c => Assert.Equal(2, c.Support));
    }
}
