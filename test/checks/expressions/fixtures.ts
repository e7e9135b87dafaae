/** A connector used by the expression check tests. */
export const weatherConnector = `connector:
  name: weather
  namespace: acme
  version: 1.0.0
  kind: http
actions:
  - name: current
    input:
      type: object
      properties:
        location: { type: string, minLength: 1 }
        units: { type: string, enum: [metric, imperial] }
        days: { type: integer, minimum: 1, maximum: 10 }
        code: { type: string, pattern: "^[A-Z]{3}$" }
        api_key: { type: string, writeOnly: true }
        headers:
          type: object
          x-sensitive: true
          additionalProperties: { type: string }
        options:
          type: object
          properties:
            verbose: { type: boolean }
          required: [verbose]
          additionalProperties: false
        tags: { type: array, items: { type: string }, maxItems: 3 }
      required: [location]
      additionalProperties: false
    output:
      type: object
      properties:
        temperature: { type: number }
        location: { type: string }
        conditions: { type: string, enum: [clear, rain, storm] }
        wind:
          type: object
          properties:
            speed: { type: integer }
        forecast:
          type: array
          items:
            $ref: "#/$defs/day"
      required: [temperature, location, conditions, forecast]
      $defs:
        day:
          type: object
          properties:
            high: { type: number }
            low: { type: number }
          required: [high, low]
    handler:
      http: { url: "http://localhost/current", method: POST }
  - name: echo
    input:
      type: object
      properties:
        text: { type: string }
        count: { type: integer }
        query: { type: string }
      required: [text]
    output:
      type: object
      properties:
        text: { type: string }
      required: [text]
    handler:
      http: { url: "http://localhost/echo", method: POST }
`;

/** A workflows file with `steps` (indented for the list item) and optional inputs/outputs. */
export function workflow(steps: string, extra = ''): string {
  return `workflows:
  - name: demo
    inputs:
      city: { type: string, required: true }
      days: { type: integer, default: 3 }
      cities: { type: array, items: { type: string }, default: [Oslo] }
      level: { type: string, enum: [low, high] , default: low }
      note: { type: string }
${extra}    steps:
${steps}`;
}
