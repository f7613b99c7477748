// Reads YAML streams the way kubectl and the API server do: documents split on "---" lines
// (k8s.io/apimachinery's YAMLReader), each converted by github.com/ghodss/yaml (go-yaml v2 rules).
//
// Protocol, for a long-lived test process: each stdin line is one JSON string holding a YAML stream;
// each reply is one JSON line, {"docs": [...]} or {"error": "..."}.
package main

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"

	"github.com/ghodss/yaml"
)

func split(stream string) []string {
	var docs []string
	var current strings.Builder
	for _, line := range strings.SplitAfter(stream, "\n") {
		if strings.HasPrefix(line, "---") {
			rest := strings.TrimSpace(line[3:])
			if rest == "" || strings.HasPrefix(rest, "#") {
				docs = append(docs, current.String())
				current.Reset()
				continue
			}
		}
		current.WriteString(line)
	}
	return append(docs, current.String())
}

func read(stream string) map[string]interface{} {
	docs := []json.RawMessage{}
	for _, doc := range split(stream) {
		out, err := yaml.YAMLToJSON([]byte(doc))
		if err != nil {
			return map[string]interface{}{"error": err.Error()}
		}
		if string(out) == "null" { // empty or comments only: kubectl skips it
			continue
		}
		docs = append(docs, out)
	}
	return map[string]interface{}{"docs": docs}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<30)
	out := bufio.NewWriter(os.Stdout)
	for in.Scan() {
		var stream string
		reply := map[string]interface{}{"error": "request is not a JSON string"}
		if json.Unmarshal(in.Bytes(), &stream) == nil {
			reply = read(stream)
		}
		line, err := json.Marshal(reply)
		if err != nil {
			line, _ = json.Marshal(map[string]string{"error": err.Error()})
		}
		out.Write(append(line, '\n'))
		out.Flush()
	}
}
