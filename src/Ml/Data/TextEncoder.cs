using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Data;

/// <summary>Word and word-bigram tokens; a vocabulary fitted on the training texts (id 0 pads).</summary>
internal static class TextEncoder
{
    public static List<string> Tokens(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        var tokens = new List<string>(words.Count * 2);
        tokens.AddRange(words);
        for (var i = 0; i + 1 < words.Count; i++)
        {
            tokens.Add(words[i] + " " + words[i + 1]);
        }

        return tokens;
    }

    public static string[] Vocabulary(IEnumerable<List<string>> trainTokens, int trainCount)
    {
        var minCount = trainCount >= 500 ? 2 : 1;
        return trainTokens.SelectMany(t => t).GroupBy(t => t, StringComparer.Ordinal)
            .Where(g => g.Count() >= minCount)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(50_000).Select(g => g.Key).ToArray();
    }

    public static Tensor Encode(IReadOnlyList<List<string>> texts, IReadOnlyList<string> vocabulary, int maxTokens)
    {
        var lookup = vocabulary.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => (long)p.i + 1, StringComparer.Ordinal);
        var data = new long[texts.Count * maxTokens];
        for (var r = 0; r < texts.Count; r++)
        {
            var position = 0;
            foreach (var token in texts[r])
            {
                if (position == maxTokens)
                {
                    break;
                }

                if (lookup.TryGetValue(token, out var id))
                {
                    data[(r * maxTokens) + position++] = id;
                }
            }
        }

        return torch.tensor(data, [texts.Count, maxTokens]);
    }

    public static string Read(MlItem item)
    {
        using var stream = item.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
