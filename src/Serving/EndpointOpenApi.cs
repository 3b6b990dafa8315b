using System.Text.Json.Nodes;

namespace Platform.Serving;

/// <summary>An endpoint's own OpenAPI 3 description: its real input (image, text, or the table's columns) and its classes.</summary>
public static class EndpointOpenApi
{
    public static string Describe(ServedModel model, ServingOptions limits)
    {
        var input = model.Manifest.Input;
        JsonObject instance = input.Kind switch
        {
            "image" => new() { ["type"] = "string", ["format"] = "byte", ["description"] = $"A PNG, JPEG, BMP, GIF or WebP image in base64 (resized to {input.ImageSize}×{input.ImageSize})." },
            "text" => new() { ["type"] = "string", ["maxLength"] = limits.MaxTextCharacters },
            _ => Row(model),
        };
        var content = new JsonObject
        {
            ["application/json"] = new JsonObject
            {
                ["schema"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("instances"),
                    ["properties"] = new JsonObject
                    {
                        ["instances"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["maxItems"] = limits.MaxInstancesPerRequest, ["items"] = instance },
                    },
                },
            },
        };
        if (input.Kind == "image")
        {
            content["multipart/form-data"] = new JsonObject
            {
                ["schema"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["images"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } },
                },
            };
        }
        var path = "/" + PlatformClient.PredictPath(model.WorkspaceId, model.EndpointName);
        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = $"{model.EndpointName}: {model.ModelName} v{model.Version}", ["version"] = $"{model.Version}" },
            ["paths"] = new JsonObject
            {
                [path] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["summary"] = $"Predict with {model.ModelName} v{model.Version} ({model.Manifest.Task})",
                        ["security"] = new JsonArray(new JsonObject { ["endpointKey"] = new JsonArray() }),
                        ["requestBody"] = new JsonObject { ["required"] = true, ["content"] = content },
                        ["responses"] = Responses(model),
                    },
                },
            },
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["endpointKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = EndpointKeys.Header },
                },
            },
        };
        return document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Row(ServedModel model)
    {
        var columns = model.Manifest.Input.Columns!;
        var properties = new JsonObject();
        foreach (var c in columns)
        {
            properties[c.Name] = c.Numeric
                ? new JsonObject { ["type"] = "number", ["nullable"] = true }
                : new JsonObject { ["type"] = "string", ["nullable"] = true, ["description"] = "Seen in training: " + string.Join(", ", c.Categories ?? []) };
        }
        return new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray([.. columns.Select(c => (JsonNode)c.Name)]),
            ["properties"] = properties,
        };
    }

    private static JsonObject Responses(ServedModel model)
    {
        var classes = model.Manifest.ClassNames;
        var prediction = classes.Count == 0
            ? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "number" } } }
            : new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["label"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. classes.Select(c => (JsonNode)c)]) },
                    ["confidence"] = new JsonObject { ["type"] = "number" },
                    ["probabilities"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "number" } },
                },
            };
        var ok = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["endpoint"] = new JsonObject { ["type"] = "string" },
                ["model"] = new JsonObject { ["type"] = "string" },
                ["version"] = new JsonObject { ["type"] = "integer" },
                ["predictions"] = new JsonObject { ["type"] = "array", ["items"] = prediction },
            },
        };
        var responses = new JsonObject { ["200"] = new JsonObject { ["description"] = "One prediction per instance, in order.", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ok } } } };
        foreach (var (status, why) in new[] { ("400", "An instance is invalid; the detail names it."), ("401", "No key, or an unknown or revoked key."), ("404", "No such endpoint."),
                     ("413", "The request is too large."), ("415", "Not JSON (nor, for images, a multipart upload)."), ("503", "Loading, or busy: retry after Retry-After seconds.") })
            responses[status] = new JsonObject { ["description"] = why, ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } } };
        return responses;
    }
}
