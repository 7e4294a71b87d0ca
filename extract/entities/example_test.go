package entities_test

import (
	"fmt"

	"github.com/docset/docset/extract/entities"
)

func ExampleRecognizer_Find() {
	r, err := entities.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	text := []rune("Finnish Foreign Minister Pekka Haavisto met NATO officials in Brussels on Monday. Haavisto said the talks went well.")
	for _, e := range r.Find(text, nil) {
		fmt.Printf("%s %s %q %q", e.ID, e.Type, e.Name, e.Roles)
		for _, m := range e.Mentions {
			fmt.Printf(" %d-%d", m.Start, m.End)
		}
		fmt.Println()
	}
	// Output:
	// e1 person "Pekka Haavisto" ["Finnish Foreign Minister"] 25-39 82-90
	// e2 organization "NATO" [] 44-48
	// e3 place "Brussels" [] 62-70
}
