using System.Runtime.InteropServices;
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

    /// <summary>
    /// Counts tokens over the texts of <paramref name="indexes"/>, read and tokenized in parallel, without keeping the
    /// texts or their tokens; <paramref name="lengths"/>[k] gets the token count of indexes[k].
    /// </summary>
    public static Dictionary<string, int> Count(IReadOnlyList<MlItem> items, int[] indexes, int[] lengths, CancellationToken ct)
    {
        var total = new Dictionary<string, int>(StringComparer.Ordinal);
        Parallel.For(0, indexes.Length, new ParallelOptions { CancellationToken = ct },
            () => new Dictionary<string, int>(StringComparer.Ordinal),
            (k, loop, local) =>
            {
                var tokens = Tokens(Read(items[indexes[k]]));
                lengths[k] = tokens.Count;
                foreach (var token in tokens) CollectionsMarshal.GetValueRefOrAddDefault(local, token, out _)++;
                return local;
            },
            local =>
            {
                lock (total)
                {
                    foreach (var (token, count) in local) CollectionsMarshal.GetValueRefOrAddDefault(total, token, out _) += count;
                }
            });
        return total;
    }

    /// <summary>The 50,000 most frequent tokens (ties by ordinal order), dropping tokens seen once when there are 500 or more training texts.</summary>
    public static string[] Vocabulary(Dictionary<string, int> counts, int trainCount)
    {
        var minCount = trainCount >= 500 ? 2 : 1;
        return counts.Where(p => p.Value >= minCount)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(50_000).Select(p => p.Key).ToArray();
    }

    /// <summary>Encodes the texts of <paramref name="indexes"/>, read and tokenized again in parallel (nothing is kept between passes).</summary>
    public static Tensor Encode(IReadOnlyList<MlItem> items, int[] indexes, IReadOnlyList<string> vocabulary, int maxTokens, CancellationToken ct)
    {
        var lookup = Lookup(vocabulary);
        var data = new long[indexes.Length * maxTokens];
        Parallel.For(0, indexes.Length, new ParallelOptions { CancellationToken = ct },
            r => EncodeRow(Tokens(Read(items[indexes[r]])), lookup, data.AsSpan(r * maxTokens, maxTokens)));
        return torch.tensor(data, [indexes.Length, maxTokens]);
    }

    public static Tensor Encode(IReadOnlyList<List<string>> texts, IReadOnlyList<string> vocabulary, int maxTokens)
    {
        var lookup = Lookup(vocabulary);
        var data = new long[texts.Count * maxTokens];
        for (var r = 0; r < texts.Count; r++) EncodeRow(texts[r], lookup, data.AsSpan(r * maxTokens, maxTokens));
        return torch.tensor(data, [texts.Count, maxTokens]);
    }

    private static Dictionary<string, long> Lookup(IReadOnlyList<string> vocabulary) =>
        vocabulary.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => (long)p.i + 1, StringComparer.Ordinal);

    private static void EncodeRow(List<string> tokens, Dictionary<string, long> lookup, Span<long> row)
    {
        var position = 0;
        foreach (var token in tokens)
        {
            if (position == row.Length) break;
            if (lookup.TryGetValue(token, out var id)) row[position++] = id;
        }
    }

    public static string Read(MlItem item)
    {
        using var stream = item.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
