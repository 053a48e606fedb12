package dev.bucketsql.datagen;

/**
 * The structured part of one review; its text comes from a separate stream so the passes that need
 * only these fields skip generating text.
 */
record Interaction(int index, int userIndex, int recipeIndex, int day, int rating) {}
