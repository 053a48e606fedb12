package dev.bucketsql.datagen;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The word pools the generator draws text from, and the token ids the preprocessed tables use for
 * those words. Pools are fixed lists so that the same seed always yields the same text.
 */
final class Vocabulary {
  static final List<String> ADJECTIVES =
      words(
          "easy quick best creamy spicy grandma's healthy low-fat crispy baked grilled roasted"
              + " slow-cooker sweet tangy zesty hearty simple classic homemade lemony smoky"
              + " cheesy garlicky rustic southern mexican italian greek thai cajun amish"
              + " vegetarian gluten-free no-bake old-fashioned fluffy tender golden spiced");
  static final List<String> INGREDIENTS =
      words(
          "butter salt sugar eggs onion garlic flour milk water olive-oil pepper"
              + " brown-sugar chicken-breasts cheddar-cheese baking-powder vanilla lemon-juice"
              + " tomatoes potatoes carrots celery parsley cinnamon honey rice pasta"
              + " ground-beef bacon mushrooms spinach zucchini cream-cheese sour-cream"
              + " mozzarella parmesan basil oregano thyme cumin chili-powder paprika"
              + " black-beans corn avocado lime cilantro ginger soy-sauce sesame-oil"
              + " shrimp salmon pork-chops apples bananas blueberries strawberries walnuts"
              + " pecans oats chocolate-chips cocoa yogurt heavy-cream broccoli cauliflower"
              + " bell-pepper jalapeno green-onions red-wine-vinegar dijon-mustard mayonnaise"
              + " ketchup worcestershire-sauce nutmeg cloves coconut-milk curry-powder tofu"
              + " quinoa lentils chickpeas feta-cheese kale sweet-potatoes squash pumpkin"
              + " hershey's-syrup lawry's-seasoned-salt french's-fried-onions");
  static final List<String> DISHES =
      words(
          "casserole soup salad cookies muffins bread pie cake stew chili pasta tacos"
              + " burritos enchiladas curry stir-fry dip sauce dressing smoothie pancakes"
              + " waffles brownies bars cobbler crisp frittata quiche omelet sandwich wraps"
              + " burgers meatloaf roast kabobs skillet bake risotto gratin salsa marinade");
  static final List<String> TAGS =
      words(
          "60-minutes-or-less time-to-make course main-ingredient cuisine preparation"
              + " occasion north-american side-dishes vegetables mexican easy fall dinner-party"
              + " holiday-event vegetarian winter dietary christmas seasonal squash"
              + " 30-minutes-or-less 15-minutes-or-less 4-hours-or-less desserts low-sodium"
              + " low-carb low-calorie healthy beginner-cook main-dish breakfast lunch"
              + " appetizers beverages for-large-groups kid-friendly comfort-food oven"
              + " stove-top grilling crock-pot-slow-cooker inexpensive american italian"
              + " european asian one-dish-meal potluck brunch picnic summer spring");
  static final List<String> VERBS =
      words(
          "preheat mix stir combine whisk pour bake simmer boil chop dice slice add season"
              + " fold spread sprinkle cover drain serve cool chill blend saute grill roast"
              + " marinate knead beat melt toss garnish transfer reduce heat");
  static final List<String> STEP_TAILS =
      List.of(
          "until golden brown",
          "for 10 minutes",
          "for about 20 minutes, stirring occasionally",
          "over medium heat",
          "in a large bowl",
          "until smooth and creamy",
          "to taste",
          "in a greased 9x13 pan",
          "and let stand 5 minutes",
          "until tender, about 15 minutes",
          "at 350 degrees",
          "with a fork",
          "until the mixture thickens",
          "and set aside",
          "in batches, don't crowd the pan");
  static final List<String> TECHNIQUES =
      words(
          "bake barbecue blanch blend boil braise brine broil caramelize combine crock-pot"
              + " crush deglaze devein dice distill drain emulsify ferment freeze fry grate"
              + " griddle grill knead leaven marinate mash melt microwave parboil pickle"
              + " poach pour pressure-cook puree refrigerate roast saute scald scramble"
              + " shred simmer skillet slow-cook smoke smooth soak sous-vide steam stew"
              + " strain tenderize thicken toast toss whip whisk");
  static final List<String> OPENINGS =
      List.of(
          "This is a family favorite",
          "I found this recipe years ago",
          "My mother used to make this",
          "A quick weeknight dinner",
          "Great for potlucks",
          "Adapted from an old church cookbook",
          "Perfect for a cold winter day",
          "Kids love it",
          "So easy, and everyone asks for the recipe",
          "From my grandmother's recipe box");
  static final List<String> PRAISE =
      List.of(
          "Great recipe!",
          "This was delicious.",
          "Very good, and so easy to make.",
          "Loved it!",
          "Excellent.",
          "My family really enjoyed this.",
          "Wonderful flavor!",
          "Made this for dinner tonight.",
          "Not bad, but a bit bland for us.",
          "This didn't work for me.",
          "Thanks for posting!",
          "Will definitely make again.");
  static final List<String> REMARKS =
      List.of(
          "I added a little more garlic",
          "I used half the sugar and it was still sweet enough",
          "next time I'll double the sauce",
          "it took longer to bake than stated",
          "I substituted yogurt for the sour cream",
          "the leftovers were even better the next day",
          "my husband had seconds",
          "I served it with rice",
          "I froze half for later",
          "it was a little dry",
          "I cut the recipe in half",
          "made for Zaar World Tour");
  static final List<String> QUOTED =
      List.of("healthy", "easy", "secret ingredient", "5 minute", "low-fat", "the best");

  private static final Map<String, Integer> TOKEN_IDS = tokenIds();

  private Vocabulary() {}

  /** The token id of {@code word}: a stable id for known words, else one derived from it. */
  static int tokenId(String word) {
    Integer id = TOKEN_IDS.get(word);
    // Unknown words (numbers, punctuation-joined pieces) still need a stable id; a hash is
    // stable across runs because String.hashCode is specified.
    return id != null ? id : 20000 + Math.floorMod(word.hashCode(), 30000);
  }

  /** The ingredient id used in {@code PP_recipes.ingredient_ids}. */
  static int ingredientId(int ingredientIndex) {
    return 389 + ingredientIndex * 97;
  }

  private static Map<String, Integer> tokenIds() {
    Map<String, Integer> ids = new HashMap<>();
    int next = 1;
    for (List<String> pool : List.of(ADJECTIVES, INGREDIENTS, DISHES, VERBS, TECHNIQUES)) {
      for (String word : pool) {
        for (String part : Text.splitWords(word)) {
          if (!ids.containsKey(part)) {
            ids.put(part, next);
            next += 37;
          }
        }
      }
    }
    return Map.copyOf(ids);
  }

  private static List<String> words(String spaceSeparated) {
    return List.of(spaceSeparated.split(" "));
  }
}
